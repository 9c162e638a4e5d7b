# Kua server image: the API, its migrations and the built reporter app.
# Build: kua deployment write deployment.json --app-name NAME, then podman build -t kua .
# Run: docs/deploy.md ("The container image").
#
# Configured by environment variables alone; the production profile (docs/deploy.md) sets
#   KUA_PUBLIC_BASE_URL, KUA_PUSH_CONTACT, KUA_ROOT_PUBLIC_KEYS, KUA_ROOT_THRESHOLD,
#   KUA_DATABASE_URL (PostgreSQL), KUA_BLOB_STORE=s3, KUA_S3_ENDPOINT_URL, KUA_S3_BUCKET,
#   KUA_S3_REGION, KUA_S3_ACCESS_KEY_ID, KUA_S3_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY).
# The server refuses to start with placeholder secrets or without root keys (KUA_ENV=production).
# /data then holds only the tus staging area of unfinished uploads: keep it on a volume.

# Stage 1: build the reporter app (frontend/dist).
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
# The coalition's deployment file, from `kua deployment write deployment.json` (docs/deploy.md): the app
# pins its root keys and signed list, and the build refuses to run without it.
COPY deployment.json /src/deployment.json
RUN KUA_DEPLOYMENT_FILE=/src/deployment.json npm run build

# Stage 2: the server, run as an unprivileged user.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    KUA_ENV=production \
    KUA_DATA_DIR=/data
# The package carries the migrations and the built app inside it (setup.py): the sources go once installed.
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY backend/ backend/
COPY migrations/ migrations/
COPY --from=frontend /src/frontend/dist/ frontend/dist/
# setup.py reads the development root keys from here, and refuses an app that pins them.
COPY frontend/build/deployment.ts frontend/build/
RUN pip install --no-cache-dir . \
    && rm -rf /src \
    && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin kua \
    && mkdir -p /data \
    && chown kua:kua /data
WORKDIR /data
COPY docker/entrypoint.sh /usr/local/bin/kua-entrypoint
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
# The entrypoint runs `kua db upgrade` first (KUA_MIGRATE_ON_START=0 skips it), then the command.
ENTRYPOINT ["kua-entrypoint"]
CMD ["kua", "serve", "--host", "0.0.0.0", "--port", "8000"]
