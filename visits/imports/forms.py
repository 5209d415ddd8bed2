"""The upload form of a visit document (its confirmation is visits.importing.forms)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField


class UploadForm(FlaskForm):
    # The file is checked by the view (read_upload, then the document's own checks), whose
    # messages say what is wrong and where.
    file = FileField(_l("Visit document (.json)"))
