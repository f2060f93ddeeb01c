"""Offline packs: lessons, guides and the plants they link to, as one ZIP of
static pages a phone opens from ``file://`` (and Kolibri as an HTML5 app).

A ZIP keeps no secret, so the protocols are applied when it is built: pages
are rendered as a viewer would see them (``protocols.access``), for a class
``EveryoneOf`` its members, and the pack holds nothing else
(``building.build_pack``).
"""
