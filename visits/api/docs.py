"""A readable page of the API's reference, rendered on the server from the OpenAPI
document (no scripts, nothing fetched from elsewhere)."""

from flask import Blueprint, current_app, render_template

bp = Blueprint("api_reference", __name__, url_prefix="/api/v1")

METHODS = ("get", "post", "put", "patch", "delete")


@bp.get("/docs")
def page():
    api = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    spec = api.spec.to_dict()
    schemas = spec.get("components", {}).get("schemas", {})
    operations: dict[str, list[dict]] = {}
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["api"])[0]
            operations.setdefault(tag, []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": [*item.get("parameters", []), *operation.get("parameters", [])],
                    "body": _schema_name(operation.get("requestBody")),
                    "responses": {
                        code: _schema_name(response) or response.get("description", "")
                        for code, response in operation.get("responses", {}).items()
                        if isinstance(response, dict)
                    },
                }
            )
    return render_template(
        "api/docs.html",
        spec=spec,
        operations=operations,
        schemas=schemas,
        tags=spec.get("tags", []),
    )


def _schema_name(part: dict | None) -> str | None:
    """The name of the schema a request body or response carries, if any."""
    if not part:
        return None
    if "$ref" in part:
        return part["$ref"].rsplit("/", 1)[-1]
    for media in part.get("content", {}).values():
        ref = media.get("schema", {}).get("$ref")
        if ref:
            return ref.rsplit("/", 1)[-1]
    return None
