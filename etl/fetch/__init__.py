"""Download official tables through the GENESIS web service ("REST 2020") into data/raw.

Network only: the files land as delivered (ZIP/CSV) with a manifest; parsing happens in ``etl.parse``.
"""
