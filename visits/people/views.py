from flask import render_template

from visits.people import bp


@bp.get("/")
def index():
    return render_template("people/index.html")
