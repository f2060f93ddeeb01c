"""The submission kit: what every contribution form shares, whatever it adds
(a plant, a knowledge note).

Her consent and the protocol it gives, photos and a voice recording kept
under that protocol, files that outlive a form error, and the start of the
moderation workflow. A finished submission is announced with the
``submitted`` signal, so the app that lists her contributions hears of it
without the apps that make them knowing it.
"""
