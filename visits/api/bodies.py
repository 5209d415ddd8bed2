"""JSON bodies the parsers cannot take, refused before any view reads them.

Python's JSON parser raises RecursionError for arrays or objects nested deeper than the
interpreter's recursion limit, and ValueError for an integer of more than 4,300 digits;
neither is the JSONDecodeError the API's argument parser turns into a 400, so such a body
would end in a 500. Every JSON body sent to the API is read once here and these two are
answered 400 with a problem document; malformed JSON is left to the parser's own answer.
"""

import json

from flask import Flask, Response, request

from visits.api.problems import is_api_request, problem

TOO_DEEP = "The JSON body is nested too deeply to be read."
TOO_LONG_NUMBER = "The JSON body holds a number too long to be read."


def refuse_unreadable_body() -> Response | None:
    if not is_api_request() or not request.is_json:
        return None
    data = request.get_data(cache=True)
    if not data:
        return None
    try:
        json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None  # answered where the body is parsed, with where it goes wrong
    except RecursionError:
        return problem(400, TOO_DEEP)
    except ValueError:  # the limit of digits in an integer
        return problem(400, TOO_LONG_NUMBER)
    return None


def init_app(app: Flask) -> None:
    app.before_request(refuse_unreadable_body)
