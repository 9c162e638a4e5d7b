"""Print the server's OpenAPI document (what `kua serve` serves at /api/openapi.json) as JSON.

    .venv/bin/python scripts/openapi_schema.py > schema.json

`make api-types` runs it, then openapi-typescript, to regenerate the console's API types
(frontend/src/console/api/schema.gen.ts). The app is built with development settings in a
throwaway data folder (its push key and database file land there); nothing is served.
"""

import json
import logging
import sys
import tempfile
from pathlib import Path

from kua.api.app import create_app
from kua.config import Settings


def main() -> None:
    # Its warnings about development settings (placeholder secrets) say nothing about the schema.
    logging.getLogger("kua.config").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="kua-openapi-") as data_dir:
        app = create_app(Settings(env="development", data_dir=Path(data_dir)))
        json.dump(app.openapi(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
