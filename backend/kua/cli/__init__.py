"""The `kua` command line (assembled in kua.cli.app)."""
