"""The portal's WSGI application, each response naming the process that
served it (for the test with two gunicorn workers)."""

import os

from knowledge_portal.wsgi import application as portal


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        return start_response(
            status, [*headers, ("X-Worker-Pid", str(os.getpid()))], exc_info
        )

    return portal(environ, start)
