"""One API resource over one model, configured rather than written out: list (paginated,
filtered), get, create, replace (with the version read) and delete, each answering
problem details.

A resource module declares its schema, its list query and filter arguments, the services
that create, change and delete, the references to check and how the services' refusals
map onto answers (`conflict` for 409, `field_error` for 422 on one field), then calls
`register()`; it keeps its own extra routes beside. Every write commits once, after the
service, with the version check of the pages (`visits.editing`).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict, TypeVar

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from webargs.flaskparser import abort

from visits.api.common import (
    VersionArgs,
    check_references,
    check_version,
    get_or_404,
    invalid,
    page_schema,
    paginate,
    update_schema,
)
from visits.editing import RecordServices, commit
from visits.extensions import db

# What a refusal of the services becomes: a function of the exception that aborts.
Refusal = Callable[[Any], None]
V = TypeVar("V")


def conflict(message: str | Callable[[Any], str]) -> Refusal:
    """409 with a message (or a message made from the refusal)."""

    def answer(error: Any) -> None:
        abort(409, message=message(error) if callable(message) else message)

    return answer


def field_error(name: str | Callable[[Any], str], message: str | Callable[[Any], str]) -> Refusal:
    """422 on one field (or on the field the refusal names)."""

    def answer(error: Any) -> None:
        where = name(error) if callable(name) else name
        invalid(where, message(error) if callable(message) else message)

    return answer


def equals(column: Any) -> Callable[[Any], Any]:
    """A filter: the column holds the value given."""
    return lambda value: column == value


class Services(TypedDict, total=False):
    """The writes of a resource, as `Resource` takes them."""

    create: Callable[[dict[str, Any]], Any]
    update: Callable[[Any, dict[str, Any]], Any]
    delete: Callable[[Any], Any]


def values_from(values_class: type[V]) -> Callable[[dict[str, Any]], V]:
    """How a service's values are made from the loaded input: each field of the dataclass
    `values_class` read from the key of the same name (other keys are left out)."""

    def values(data: dict[str, Any]) -> V:
        names = values_class.__dataclass_fields__  # type: ignore[attr-defined]
        return values_class(**{name: data[name] for name in names})

    return values


def value_services(values: Callable[[dict[str, Any]], Any], services: RecordServices) -> Services:
    """The writes of a resource whose services (`RecordServices`, the ones its pages use)
    take one values object made from the input."""
    return {
        "create": lambda data: services.create(db.session(), values(data)),
        "update": lambda record, data: services.update(record, values(data)),
        "delete": lambda record: services.delete(db.session(), record),
    }


@dataclass
class Resource:
    blp: Blueprint
    model: type
    what: str  # the record as 404 names it: "No such person."
    schema: type[ma.Schema]
    list_args: type[ma.Schema] | None = None
    list_query: Callable[[dict[str, Any]], Any] | None = None
    # Query arguments narrowing the list: name → the condition a given value makes.
    filters: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    create: Callable[[dict[str, Any]], Any] | None = None  # data → the new record
    update: Callable[[Any, dict[str, Any]], Any] | None = None  # (record, data)
    delete: Callable[[Any], Any] | None = None  # record; None: deleted as it is
    deletable: bool = True
    references: Mapping[str, tuple[type, str]] = field(default_factory=dict)
    # Instead of `references`: (data, the record replaced or None on creation) → None.
    check: Callable[[dict[str, Any], Any], None] | None = None
    refusals: Mapping[type[Exception], Refusal] = field(default_factory=dict)
    load: Callable[[int], Any] | None = None  # id → record, else 404
    update_input: type[ma.Schema] | None = None  # instead of the schema with `version`
    versioned: bool = True  # replacing takes the version read; deleting may
    docs: Mapping[str, str] = field(default_factory=dict)  # summaries by operation
    id_name: str = ""  # the id in the item's path; "<what>_id" by default
    path: str = ""  # the routes' path under the blueprint's prefix
    a_what: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.id_name = self.id_name or f"{self.what.replace(' ', '_')}_id"
        self.a_what = f"{'an' if self.what[0] in 'aeiou' else 'a'} {self.what}"

    def get(self, record_id: int) -> Any:
        if self.load is not None:
            return self.load(record_id)
        return get_or_404(self.model, record_id, self.what)

    def listed(self, args: dict[str, Any]) -> Any:
        """The list query narrowed by each filter given."""
        assert self.list_query is not None  # routed only when there is one
        query = self.list_query(args)
        for name, condition in self.filters.items():
            if args.get(name) is not None:
                query = query.where(condition(args[name]))
        return query

    def checked(self, data: dict[str, Any], record: Any = None) -> None:
        if self.check is not None:
            self.check(data, record)
        else:
            check_references(data, self.references)

    def attempt(self, action: Callable[..., Any], *args: Any) -> Any:
        """Run a service; a refusal it raises is answered as configured (nothing saved)."""
        try:
            return action(*args)
        except tuple(self.refusals) as error:
            db.session.rollback()
            for kind, answer in self.refusals.items():
                if isinstance(error, kind):
                    answer(error)
            raise

    def register(self) -> None:
        """Add the routes on the blueprint: "<path>/" and "<path>/<int:<what>_id>"."""
        blp, resource = self.blp, self
        schema = self.schema
        item_url = f"{self.path}/<int:{self.id_name}>"

        def doc(name: str, text: str) -> Callable[[Callable], Callable]:
            def named(function: Callable) -> Callable:
                function.__doc__ = resource.docs.get(name, text)
                return function

            return named

        collection: dict[str, Callable] = {}
        if self.list_query is not None and self.list_args is not None:

            @blp.arguments(self.list_args, location="query")
            @blp.response(200, page_schema(schema))
            @doc("list", f"List {self.what} records")
            def list_(_view, args):
                return paginate(resource.listed(args), args)

            collection["get"] = list_
        if self.create is not None:
            create_record = self.create

            @blp.arguments(schema)
            @blp.response(201, schema)
            @doc("create", f"Create {self.a_what}")
            def create(_view, data):
                resource.checked(data)
                record = resource.attempt(create_record, data)
                commit(db.session())
                return resource.get(record.id)

            collection["post"] = create

        item: dict[str, Callable] = {}

        @blp.response(200, schema)
        @doc("get", f"Get {self.a_what}")
        def get(_view, **ids):
            return resource.get(ids[resource.id_name])

        item["get"] = get
        if self.update is not None:
            update_record = self.update
            replacement = self.update_input or update_schema(schema)

            @blp.arguments(replacement)
            @blp.response(200, schema)
            @doc("update", f"Replace {self.a_what}'s fields (with the version you read)")
            def put(_view, data, **ids):
                record = resource.get(ids[resource.id_name])
                loaded = data.get("version") if resource.versioned else None
                check_version(record, loaded)
                resource.checked(data, record)
                resource.attempt(update_record, record, data)
                commit(db.session(), record, loaded)
                return resource.get(record.id)

            item["put"] = put
        if self.deletable:

            def delete(_view, *args, **ids):
                record = resource.get(ids[resource.id_name])
                if args:
                    check_version(record, args[0].get("version"))
                resource.attempt(resource.delete or db.session.delete, record)
                commit(db.session())

            delete.__doc__ = self.docs.get("delete", f"Delete {self.a_what}")
            if self.versioned:
                delete = blp.arguments(VersionArgs, location="query")(delete)
            item["delete"] = blp.response(204)(delete)

        name = "".join(part.title() for part in self.what.split())
        if collection:
            blp.route(f"{self.path}/")(type(f"{name}List", (MethodView,), collection))
        blp.route(item_url)(type(f"{name}Item", (MethodView,), item))
