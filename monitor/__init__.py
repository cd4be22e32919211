"""Read layer of the dashboard: the only code that opens the warehouse.

db (read-only connection, cached queries), fmt (de-DE numbers and official symbols), charts (palette,
styling, marking of suppressed values), maps (choropleth or schematic tile map), ui (shared page
parts bound to the URL), downloads (CSV/XLSX for German Excel), indicators (catalogue, values,
views), narrative (KPI sentences), navigation (the registered pages).
"""
