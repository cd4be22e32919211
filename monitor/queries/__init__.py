"""The query layer: the only modules that call ``monitor.db.query``.

Each module returns plain frames or typed objects read from the mart (figures) and the region
dimension; nothing here formats text for the page. View builders (``monitor.views``) and pages read
from here and only display.
"""
