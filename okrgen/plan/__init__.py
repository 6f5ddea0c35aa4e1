"""The plan: the YAML file a user owns, read with positions, schema-checked, and written safely.

Also the draft readers, which turn the documents people write (Markdown, Word, spreadsheets) into
the same plan data. Everything above this layer works on a plan, whatever it was read from.
"""
