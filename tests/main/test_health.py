def test_healthz_answers_when_the_database_responds(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_unknown_pages_give_a_clear_404(staff_client):
    response = staff_client.get("/visits/999999")
    assert response.status_code == 404
    assert "404" in response.get_data(as_text=True)
    assert staff_client.get("/no/such/page").status_code == 404
