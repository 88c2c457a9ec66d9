"""Uploads bounded before they are read (CORE-9; issue 14, finding 5).

The first of FILE_UPLOAD_HANDLERS: a multipart body whose Content-Length is over the attachment limit (plus a
little for the form around the file) is not parsed at all — no byte of a 300 MB upload is read or stored; one
that lies about its length is stopped at the first file chunk past the limit. Either way the request is marked
`upload_refused`, and the upload view (or core.web.pages.checked_by, for a page) answers `file_too_large`.
Below the limit the usual handlers follow: in memory up to FILE_UPLOAD_MAX_MEMORY_SIZE, a temporary file above."""
from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from core.errors import DomainError

FORM_ALLOWANCE = 64 * 1024  # the multipart boundaries and the small fields beside the file


def too_large() -> DomainError:
    return DomainError(_("The file is larger than %(mb)s MB.") % {"mb": settings.ATTACHMENT_MAX_BYTES // 2**20},
                       code="file_too_large", rule="CORE-9")


def refused(request) -> DomainError | None:
    """The refusal for an upload the handler stopped, or None."""
    return too_large() if getattr(request, "upload_refused", False) else None


class BoundedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.ATTACHMENT_MAX_BYTES + FORM_ALLOWANCE:
            self._refuse()
            return QueryDict(encoding=encoding), MultiValueDict()  # parsed as empty: nothing read
        self.received = 0
        return None

    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received = getattr(self, "received", 0) + len(raw_data)
        if self.received > settings.ATTACHMENT_MAX_BYTES:
            self._refuse()
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self) -> None:
        if self.request is not None:
            self.request.upload_refused = True
