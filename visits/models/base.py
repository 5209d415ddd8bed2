"""The class every model derives from: `db.Model`, named so that a type checker can follow it.

`db.Model` is made at run time by Flask-SQLAlchemy from `visits.orm.Base`; a type checker
cannot use an attribute as a base class, so it is shown `Base`, which `db.Model` extends.
"""

from typing import TYPE_CHECKING

from visits.extensions import db
from visits.orm import Base

if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
