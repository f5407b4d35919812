"""The audit log: append-only at every level, written in the transaction of the change, readable
per object by those who may see the object."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from gongkai.web import audit
from gongkai.web.audit.models import AppendOnlyError, AuditEvent

from ..conftest import Personas
from ..factories import make_agency


@pytest.mark.django_db
def test_record_keeps_who_what_before_and_after(personas: Personas) -> None:
    clerk = personas.users["clerk"]
    with transaction.atomic():
        before = audit.snapshot(personas.bureau)
        personas.bureau.office_phone = "0999-1234567"
        personas.bureau.save()
        event = audit.record(
            clerk, "agency.update", personas.bureau, before=before, after=audit.snapshot(personas.bureau)
        )
    event.refresh_from_db()
    assert event.actor == clerk
    assert "李经办" in event.actor_repr and "clerk" in event.actor_repr
    assert event.agency == personas.bureau  # an agency is its own scope
    assert event.object_repr == "新城县教育局"
    assert event.changes() == [("office_phone", "", "0999-1234567")]


@pytest.mark.django_db
def test_system_and_public_actors() -> None:
    from django.contrib.auth.models import AnonymousUser

    with transaction.atomic():
        system = audit.record(None, "calendar.import", None)
        public = audit.record(AnonymousUser(), "application.submit", None)
    assert (system.actor_repr, public.actor_repr) == ("系统", "公众")


@pytest.mark.django_db
def test_events_cannot_be_changed_or_removed_through_the_orm(personas: Personas) -> None:
    with transaction.atomic():
        event = audit.record(None, "x", personas.bureau)
    event.verb = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(verb="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    event.refresh_from_db()
    assert event.verb == "x"


@pytest.mark.django_db
def test_the_database_refuses_updates(personas: Personas) -> None:
    with transaction.atomic():
        event = audit.record(None, "x", personas.bureau)
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET verb = 'changed' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).verb == "x"


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="DELETE trigger on PostgreSQL only (decision D11)"
)
def test_postgresql_refuses_deletes(personas: Personas) -> None:
    with transaction.atomic():
        event = audit.record(None, "x", personas.bureau)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_no_event() -> None:
    agency = make_agency("rollback")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        agency.name = "改名"
        agency.save()
        audit.record(None, "agency.rename", agency)
        raise Boom
    agency.refresh_from_db()
    assert agency.name != "改名"
    assert not AuditEvent.objects.filter(verb="agency.rename").exists()


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused() -> None:
    agency = make_agency("no-atomic")
    with pytest.raises(audit.NotInTransactionError):
        audit.record(None, "x", agency)
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_events_for_follows_who_may_see_the_object(personas: Personas) -> None:
    with transaction.atomic():
        audit.record(personas.users["clerk"], "agency.update", personas.bureau)
        audit.record(personas.users["other_agency_clerk"], "agency.update", personas.other)
    u = personas.users
    for name in ("clerk", "reviewer", "approver", "agency_admin", "supervisor", "sysadmin"):
        assert [e.verb for e in audit.events_for(personas.bureau, u[name])] == ["agency.update"], name
    for name in ("applicant", "other_agency_clerk", "anonymous"):
        assert not audit.events_for(personas.bureau, u[name]).exists(), name


@pytest.mark.django_db
def test_the_trail_page_hides_objects_from_others(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        audit.record(personas.users["clerk"], "agency.update", personas.bureau, note="改了电话")
    url = audit.trail_url(personas.bureau)
    page = client_for("supervisor").get(url)
    assert page.status_code == 200
    assert "改了电话" in page.content.decode()
    assert client_for("other_agency_clerk").get(url).status_code == 404


@pytest.mark.django_db
def test_the_admin_shows_events_but_cannot_add_change_or_delete_them(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        event = audit.record(None, "x", personas.bureau)
    admin = client_for("sysadmin")
    assert admin.get("/admin/audit/auditevent/").status_code == 200
    assert admin.get(f"/admin/audit/auditevent/{event.pk}/change/").status_code == 200  # read-only view
    assert admin.get("/admin/audit/auditevent/add/").status_code == 403
    assert admin.post(f"/admin/audit/auditevent/{event.pk}/change/", {"verb": "y"}).status_code == 403
    assert admin.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).verb == "x"


@pytest.mark.django_db
def test_admin_changes_are_audited(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    admin = client_for("sysadmin")
    response = admin.post(
        f"/admin/agencies/agency/{personas.township.pk}/change/",
        {
            "code": "xc-qiaotou",
            "name": "新城县桥头镇人民政府",
            "parent": personas.county.pk,
            "level": "township",
            "kind": "township",
            "office_phone": "0999-7777777",
            "successor_links-TOTAL_FORMS": "0",
            "successor_links-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(verb="admin.change")
    assert event.actor == personas.users["sysadmin"]
    assert ("office_phone", "", "0999-7777777") in event.changes()


@pytest.mark.django_db
def test_inline_rows_changed_in_the_admin_are_audited(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    old = make_agency("xc-tourism", name="新城县旅游局", parent=personas.county)
    response = client_for("sysadmin").post(
        f"/admin/agencies/agency/{old.pk}/change/",
        {
            "code": "xc-tourism",
            "name": "新城县旅游局",
            "parent": personas.county.pk,
            "level": "county",
            "kind": "department",
            "valid_to": "2019-03-01",
            "successor_links-TOTAL_FORMS": "1",
            "successor_links-INITIAL_FORMS": "0",
            "successor_links-0-successor": personas.bureau.pk,
            "successor_links-0-kind": "merged",
            "successor_links-0-date": "2019-03-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = AuditEvent.objects.filter(verb="admin.add").get()
    assert added.object_repr.startswith("新城县旅游局 → 新城县教育局")
    assert list(personas.bureau.predecessors()) == [old]
