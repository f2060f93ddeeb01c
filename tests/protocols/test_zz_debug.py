import re
import pytest
from .conftest import CANARY
pytestmark = pytest.mark.django_db

def test_debug(client, admin_site):
    client.force_login(admin_site["outside_moderator"])
    for url in ["/admin/pages/54/edit/", "/admin/pages/54/revisions/compare/earliest...latest/", "/admin/pages/99/revisions/compare/earliest...latest/", "/admin/pages/add/contributions/knowledgenotepage/54/"]:
        body = client.get(url).content.decode()
        for m in re.finditer(CANARY + "|canary-photo|inner-photo|note-photo", body):
            print(url, repr(body[max(0, m.start()-300):m.end()+100]))
    assert 0
