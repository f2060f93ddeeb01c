"""Sending a stored file: one byte range, and cheap revalidation.

Django's FileResponse always sends the whole file (Range support is Django
ticket #22479, still open) and WhiteNoise answers ranges only for its static
files, so the media view adds it here. Audio players ask for ranges, and
Safari on iPhones will not play a recording whose server ignores them.
Only a single range is answered; a request for several, in another unit or
malformed gets the whole file, which RFC 9110 (section 14.2) allows.
"""

import re

from django.http import FileResponse, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

# Up to 18 digits: beyond any file, and int() of a longer one may refuse.
SINGLE_RANGE = re.compile(r"bytes=(\d{0,18})-(\d{0,18})")


class RangeNotSatisfiable(Exception):
    pass


def requested_range(header, size):
    """The byte range a Range header asks for as ``(first, last)``, both
    included; None to send the whole file. Raises RangeNotSatisfiable for a
    range that starts past the end, or a suffix of no bytes."""
    match = SINGLE_RANGE.fullmatch((header or "").strip())
    if match is None or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:
        # "-n": the last n bytes, or the whole file if it has fewer.
        length = int(last)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(size - length, 0), size - 1
    first = int(first)
    if last and int(last) < first:
        return None
    if first >= size:
        raise RangeNotSatisfiable
    return first, (min(int(last), size - 1) if last else size - 1)


class _Slice:
    """``length`` bytes of an open file from ``first``, for FileResponse.

    Without seek() or fileno(), neither FileResponse nor the server's
    sendfile read past the slice.
    """

    def __init__(self, handle, first, length):
        handle.seek(first)
        self.handle, self.left = handle, length

    def read(self, size=-1):
        size = self.left if size is None or size < 0 else min(size, self.left)
        data = self.handle.read(size)
        self.left -= len(data)
        return data

    def close(self):
        self.handle.close()


def file_response(
    request, handle, *, modified, content_type, filename, as_attachment, headers
):
    """The response for an open stored file: 200, 206 for a Range, 416 for a
    range past its end, 304 when the browser's copy is current (``handle`` is
    then closed). ``headers`` are added to each."""
    size = handle.size
    last_modified = int(modified.timestamp())
    etag = f'"{size:x}-{last_modified:x}"'
    headers = {
        **headers,
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Last-Modified": http_date(last_modified),
    }
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    byte_range = None
    if response is None and _if_range_holds(request, headers):
        try:
            byte_range = requested_range(request.headers.get("Range"), size)
        except RangeNotSatisfiable:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
    if response is not None:
        handle.close()
    elif byte_range is None:
        response = FileResponse(
            handle,
            content_type=content_type,
            as_attachment=as_attachment,
            filename=filename,
        )
    else:
        first, last = byte_range
        response = FileResponse(
            _Slice(handle, first, last - first + 1),
            status=206,
            content_type=content_type,
            as_attachment=as_attachment,
            filename=filename,
        )
        response["Content-Length"] = last - first + 1
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    for name, value in headers.items():
        response[name] = value
    return response


def _if_range_holds(request, headers):
    """A Range is answered only if the file is the one If-Range names."""
    if_range = request.headers.get("If-Range")
    return if_range is None or if_range in (headers["ETag"], headers["Last-Modified"])
