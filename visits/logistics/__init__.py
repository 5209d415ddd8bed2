"""Arrivals, departures and accommodation of a visit's delegation."""

from flask import Blueprint

bp = Blueprint("logistics", __name__)
