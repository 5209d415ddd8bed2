from flask import render_template

from visits.delegations import bp


@bp.get("/")
def index():
    return render_template("delegations/index.html")
