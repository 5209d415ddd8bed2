"""The baseline of a 304 over HTTP: a WSGI app that answers every request 304 Not Modified
and does nothing else, served by gunicorn like the app (`gunicorn bare304:app`)."""

from werkzeug.wrappers import Request, Response


@Request.application
def app(_request: Request) -> Response:
    return Response(status=304, headers={"ETag": '"bare"'})
