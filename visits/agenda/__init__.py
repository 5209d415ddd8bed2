"""Draft agendas from other calendars and spreadsheets (.ics, CSV, XLSX) imported into a
visit, with a preview of what will be created or matched."""

from flask import Blueprint

bp = Blueprint("agenda", __name__, url_prefix="/visits")
