"""Every form of the application speaks the reader's language in its own messages too:
WTForms' «This field is required.» reads as Russian or Kazakh on those pages."""

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from wtforms import Form

import visits
from visits.forms import SubForm

REQUIRED = "This field is required."


def every_form() -> list[type]:
    for module in pkgutil.walk_packages(visits.__path__, "visits."):
        importlib.import_module(module.name)
    found, todo = set(), [Form]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("visits.") and sub not in found:
                found.add(sub)
            todo.append(sub)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def meta_of(form_class: type):
    """The form's combined Meta, as WTForms builds it for an instance."""
    bases = [cls.__dict__["Meta"] for cls in form_class.__mro__ if "Meta" in cls.__dict__]
    return type("Meta", tuple(bases), {})()


def speaks_english(translations) -> bool:
    """WTForms' default Meta has no translations: its messages stay in English."""
    return translations is None or translations.gettext(REQUIRED) == REQUIRED


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_form_translates_its_builtin_messages(app, lang):
    forms = every_form()
    assert FlaskForm in {base for cls in forms for base in cls.__mro__}
    assert SubForm in forms
    with app.test_request_context(f"/?lang={lang}"):
        english = [
            f"{cls.__module__}.{cls.__qualname__}"
            for cls in forms
            if speaks_english(meta_of(cls).get_translations(None))
        ]
    assert not english, english
