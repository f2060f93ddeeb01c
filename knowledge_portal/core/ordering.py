"""Order of the inline rows (Wagtail ``Orderable``) that code builds."""


def in_order(rows):
    """``rows`` as a list, each row's ``sort_order`` set to its position.

    The admin numbers the rows it saves; rows built in code must be numbered
    too. Unnumbered rows come back in whatever order the database chooses:
    insertion order on SQLite, any order on PostgreSQL.
    """
    rows = list(rows)
    for position, row in enumerate(rows):
        setattr(row, row.sort_order_field, position)
    return rows
