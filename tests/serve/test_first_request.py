"""The first request to a freshly started server, through the real websocket protocol: a page's own address
runs that page and Streamlit sends no ``page_not_found`` (with a folder named ``pages/`` next to app.py,
Streamlit's multipage-v1 compatibility mode would resolve the very first run by file name and show its
English "Page not found" dialog; the page scripts therefore live in ``app_pages/``)."""

from pathlib import Path

import pytest

from bench.st_client import measure
from monitor.navigation import PAGE_SPECS
from tests.browser.server import streamlit_server

REPO = Path(__file__).resolve().parents[2]


def test_no_folder_named_pages_next_to_app_py():
    assert (REPO / "app.py").is_file()
    assert not (REPO / "pages").exists()


@pytest.mark.parametrize("url_path", ["indikatoren", "versorgungsluecken"])
def test_a_page_address_is_the_first_request_of_a_new_server(demo_warehouse, url_path):
    with streamlit_server(demo_warehouse) as url:
        (first,) = measure(url, url_path, 1, timeout=60, cookies=False)
        assert first.error is None, first.error  # no page_not_found, the page asked for, no error box
        assert first.seconds is not None
        title = next(spec.title for spec in PAGE_SPECS if spec.url_path == url_path)
        assert title in first.headings, first.headings
