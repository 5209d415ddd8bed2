from flask import render_template

from visits.accounts import bp


@bp.get("/")
def index():
    return render_template("accounts/index.html")
