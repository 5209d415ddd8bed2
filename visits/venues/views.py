from flask import render_template

from visits.venues import bp


@bp.get("/")
def index():
    return render_template("venues/index.html")
