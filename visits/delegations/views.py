from typing import cast

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from visits.delegations import bp
from visits.delegations.forms import (
    AddMemberForm,
    AddSeveralForm,
    DelegationForm,
    MembersForm,
    MoveMemberForm,
    country_name,
    ids,
    line_problem,
    zone_names,
)
from visits.delegations.queries import (
    delegation_list,
    delegation_page,
    visits_of,
)
from visits.delegations.roster import RosterRefused, add_members, parse
from visits.delegations.services import (
    AlreadyMember,
    DelegationInUse,
    MembersChanged,
    PersonOrGroup,
    add_member,
    arrange_members,
    create_delegation,
    delete_delegation,
    in_order,
    member_logistics,
    move_member,
    remove_member,
    update_delegation,
)
from visits.editing import StaleEdit, commit, save_edit
from visits.extensions import db
from visits.forms import status_of
from visits.i18n import current_language
from visits.models import Delegation, DelegationMember
from visits.web.merge import FormMerge
from visits.web.records import page_number

PER_PAGE = 25

bp.add_app_template_filter(country_name, "country_name")


def _delegation(delegation_id: int, *, lock: bool = False) -> Delegation:
    """The delegation; locked for the rest of the transaction when its members change."""
    if lock:
        found = db.session.get(Delegation, delegation_id, with_for_update=True)
    else:
        found = db.session.scalar(delegation_page(delegation_id))
    return found or abort(404)


def _member(delegation: Delegation, member_id: int) -> DelegationMember:
    member = db.session.get(DelegationMember, member_id)
    if member is None or member.delegation_id != delegation.id:
        abort(404)
    return member


def _name(delegation: Delegation) -> str:
    return delegation.name.get(current_language())


def _show_url(delegation: Delegation) -> str:
    return url_for("delegations.show", delegation_id=delegation.id, _anchor="members")


@bp.get("/")
def index():
    term = request.args.get("q", "").strip()
    page = page_number()
    delegations = db.paginate(delegation_list(term), page=page, per_page=PER_PAGE, error_out=False)
    return render_template("delegations/index.html", delegations=delegations, term=term)


def _form_page(form: DelegationForm, delegation: Delegation | None, stale: StaleEdit | None):
    status = 409 if stale else status_of(form)
    page = render_template(
        "delegations/form.html",
        form=form,
        delegation=delegation,
        stale=stale,
        zones=zone_names(),
    )
    return page, status


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = DelegationForm()
    if form.validate_on_submit():
        delegation = create_delegation(db.session(), **form.values())
        commit(db.session())
        flash(_("The delegation is saved. Now add its members."), "success")
        return redirect(_show_url(delegation))
    return _form_page(form, None, None)


@bp.get("/<int:delegation_id>")
def show(delegation_id: int):
    return _show(_delegation(delegation_id))


@bp.route("/<int:delegation_id>/edit", methods=["GET", "POST"])
def edit(delegation_id: int):
    """The delegation's own fields; a save refused because a colleague saved first comes
    back merged with their version (409), to be checked and saved again."""
    delegation = db.get_or_404(Delegation, delegation_id)
    form = DelegationForm(obj=delegation)
    merging = FormMerge(form, delegation, lambda now: DelegationForm(formdata=None, obj=now))
    merging.remember()
    stale = None
    if form.validate_on_submit() and merging.resolve():
        stale = save_edit(
            db.session(), delegation, form, lambda: update_delegation(delegation, **form.values())
        )
        if not stale:
            flash(_("The delegation is saved."), "success")
            return redirect(url_for(".show", delegation_id=delegation.id))
        merging.after_stale(stale)
        delegation = stale.record
    return _form_page(form, delegation, stale)


@bp.route("/<int:delegation_id>/delete", methods=["GET", "POST"])
def delete(delegation_id: int):
    delegation = _delegation(delegation_id)
    blockers = db.session.scalars(visits_of(delegation.id)).all()
    if request.method == "POST" and not blockers:
        try:
            delete_delegation(db.session(), delegation)
            commit(db.session())
        except (DelegationInUse, IntegrityError, StaleDataError):
            # A visit took it up, or someone changed or deleted it, meanwhile: ask again.
            db.session.rollback()
            delegation = _delegation(delegation_id)
            blockers = db.session.scalars(visits_of(delegation.id)).all()
        else:
            flash(_("The delegation is deleted."), "success")
            return redirect(url_for(".index"))
    return _confirm_delete(delegation, blockers)


def _confirm_delete(delegation: Delegation, visits):
    lang = current_language()
    blockers = [
        (visit.title.get(lang), url_for("visits.show", visit_id=visit.id)) for visit in visits
    ]
    count = len(delegation.members)
    consequences = ngettext(
        "Its %(num)d member is removed with it (the person or group itself stays).",
        "Its %(num)d members are removed with it (the people and groups themselves stay).",
        count,
    )
    page = render_template(
        "_confirm_delete.html",
        what=_name(delegation),
        blockers=blockers,
        consequences=consequences if count else None,
        cancel_url=url_for(".show", delegation_id=delegation.id),
    )
    return page, 409 if blockers and request.method == "POST" else 200


def _add_form() -> AddMemberForm:
    return AddMemberForm(db.session())


def _several_form() -> AddSeveralForm:
    return AddSeveralForm(db.session(), prefix="several")


def _show(
    delegation: Delegation,
    add_form=None,
    members_form=None,
    problem=None,
    status=200,
    several_form=None,
):
    members = in_order(delegation)
    loaded = ",".join(str(member.id) for member in members)
    if members_form is None:
        rows = [
            {
                "member_id": m.id,
                "position": m.precedence,
                "role": m.role,
                "is_with_head": m.is_with_head,
            }
            for m in members
        ]
        members_form = MembersForm(
            formdata=None, data={"loaded": loaded, "members": rows}, prefix="order"
        )
    add_form = add_form or _add_form()
    several_form = several_form or _several_form()
    add_form.show_names()
    several_form.show_names()
    page = render_template(
        "delegations/show.html",
        delegation=delegation,
        rows=list(zip(members, members_form.members, strict=True)),
        members_form=members_form,
        move_form=MoveMemberForm(formdata=None, data={"loaded": loaded}, prefix="move"),
        add_form=add_form,
        several_form=several_form,
        visits=db.session.scalars(visits_of(delegation.id)).all(),
        problem=problem,
    )
    return page, status


def _members_changed(delegation_id: int):
    db.session.rollback()
    problem = _(
        "Someone changed the members since you opened this page. Nothing was saved: "
        "check the list below and try again."
    )
    return _show(_delegation(delegation_id), problem=problem, status=409)


@bp.post("/<int:delegation_id>/members")
def add(delegation_id: int):
    delegation = _delegation(delegation_id, lock=True)
    form = _add_form()
    if form.validate():
        values = form.person_id.data, form.organization_id.data, form.role.data
        try:
            add_member(db.session(), delegation, *values, form.is_with_head.data)
            commit(db.session())
        except (AlreadyMember, IntegrityError, PersonOrGroup) as error:
            db.session.rollback()
            _explain_refusal(form, error)
            return _show(_delegation(delegation_id), add_form=form, status=422)
        flash(_("The member is added at the end of the list."), "success")
        return redirect(_show_url(delegation))
    return _show(_delegation(delegation_id), add_form=form, status=422)


@bp.post("/<int:delegation_id>/members/several")
def add_several(delegation_id: int):
    """Members typed or pasted as a list, one per line, added after the others."""
    delegation = _delegation(delegation_id, lock=True)
    form = _several_form()
    if form.validate():
        try:
            added = add_members(
                db.session(),
                delegation,
                parse(form.lines.data or ""),
                role=form.role.data,
                groups=bool(form.groups.data),
                organization_id=form.organization_id.data,
            )
            commit(db.session())
        except RosterRefused as refused:
            db.session.rollback()
            cast(list[str], form.lines.errors).extend(line_problem(p) for p in refused.problems)
        else:
            count = len(added)
            flash(
                ngettext(
                    "%(num)d member is added at the end of the list.",
                    "%(num)d members are added at the end of the list.",
                    count,
                ),
                "success",
            )
            return redirect(_show_url(delegation))
    return _show(_delegation(delegation_id), several_form=form, status=422)


def _explain_refusal(form: AddMemberForm, error: Exception) -> None:
    if isinstance(error, PersonOrGroup):
        cast(list[str], form.person_name.errors).append(_("Choose a person or a group to add."))
    elif getattr(error, "field", None) == "organization_id" or form.person_id.data is None:
        cast(list[str], form.organization_name.errors).append(
            _("This group is already in the delegation.")
        )
    else:
        cast(list[str], form.person_name.errors).append(
            _("This person is already in the delegation.")
        )


@bp.post("/<int:delegation_id>/members/<int:member_id>/move")
def move(delegation_id: int, member_id: int):
    delegation = _delegation(delegation_id, lock=True)
    member = _member(delegation, member_id)
    form = MoveMemberForm(prefix="move")
    if not form.validate():
        abort(400)
    try:
        move_member(delegation, member, form.step, ids(form.loaded.data))
    except MembersChanged:
        return _members_changed(delegation_id)
    commit(db.session())
    return redirect(_show_url(delegation))


@bp.post("/<int:delegation_id>/members/order")
def reorder(delegation_id: int):
    delegation = _delegation(delegation_id, lock=True)
    form = MembersForm(prefix="order")
    rows = form.rows()
    if rows is None or [row[0] for row in rows] != [m.id for m in in_order(delegation)]:
        return _members_changed(delegation_id)
    if not form.validate():
        return _show(_delegation(delegation_id), members_form=form, status=422)
    try:
        arrange_members(delegation, rows, ids(form.loaded.data), form.party())
    except MembersChanged:
        return _members_changed(delegation_id)
    commit(db.session())
    flash(_("The order and the roles of the members are saved."), "success")
    return redirect(_show_url(delegation))


@bp.route("/<int:delegation_id>/members/<int:member_id>/remove", methods=["GET", "POST"])
def remove(delegation_id: int, member_id: int):
    delegation = _delegation(delegation_id, lock=request.method == "POST")
    member = _member(delegation, member_id)
    if request.method == "POST":
        remove_member(db.session(), delegation, member)
        commit(db.session())
        flash(_("The member is removed; the others are renumbered."), "success")
        return redirect(_show_url(delegation))
    movements, stays = member_logistics(db.session(), member)
    consequences = _(
        "Removed with the member: %(movements)d arrival(s) or departure(s) and "
        "%(stays)d stay(s) recorded for it in visits.",
        movements=movements,
        stays=stays,
    )
    return render_template(
        "_confirm_delete.html",
        what=member.display_name.get(current_language()),
        consequences=consequences if movements or stays else None,
        cancel_url=_show_url(delegation),
    )
