"""The floor for bench/pages.py: the least a Wagtail page costs to serve.

One bare page type, no middleware, no context processors, SQLite: what is
left is gunicorn, Django's handler, Wagtail's routing and one template. The
portal's pages are reported as a share of this project's requests per second.
Run it only through bench/pages.py.
"""
