from django.dispatch import Signal

#: Sent when a contributed page has gone to moderation, inside its
#: transaction, with ``page`` (the draft) and ``user`` (who sent it).
submitted = Signal()
