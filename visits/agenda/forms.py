"""The upload form of an agenda import (its confirmation is visits.importing.forms)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField


class UploadForm(FlaskForm):
    # The file itself is checked by the view (uploads.read_upload): its messages name the
    # reason (none, empty, too large).
    file = FileField(_l("File (.ics, .csv or .xlsx)"))
