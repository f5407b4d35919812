app_name = "disclosures"
urlpatterns: list[object] = []
