"""Export bundles (docs/review.md, "Export bundle"): a case or the whole archive, built and sealed
in the review console as one age-encrypted ZIP, opened on a reviewer's machine by `kua export open`.

The flow: `bundle.open_bundle` decrypts the age file (all of it authenticated before any byte is
read as a ZIP) and validates the ZIP against its manifest (`manifest`); `writer.write_export` writes
JSON, CSV (`tables`) and the photos into a folder. Nothing here knows about the command line.
"""
