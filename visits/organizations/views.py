from flask import render_template

from visits.organizations import bp


@bp.get("/")
def index():
    return render_template("organizations/index.html")
