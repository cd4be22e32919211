"""View builders: turn query results and facts into what a page shows (``charts.View``: figure, the exact
data table, text alternative, file name, source metadata; German texts). No SQL here: figures are read
through ``monitor.queries`` and ``monitor.facts``.
"""
