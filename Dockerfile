# gongkai — one image for the web processes, the workers and the one-shot commands
# (migrate, backup, restore, check-deploy). See docs/deploy.md.
FROM python:3.11-slim-bookworm

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/gongkai \
    PATH=/opt/gongkai/bin:$PATH \
    GONGKAI_DATA_DIR=/data \
    GONGKAI_BACKUP_DIR=/backups \
    GONGKAI_LOG_FORMAT=json

# CJK fonts (PDF letters and charts), LibreOffice (letters as PDF, .doc reading), antiword,
# poppler (PDF pages), pango (WeasyPrint), and pg_dump/pg_restore matching the server (15).
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends \
      fonts-noto-cjk libreoffice-writer-nogui libreoffice-calc-nogui antiword poppler-utils \
      libpango-1.0-0 libpangoft2-1.0-0 postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/* \
 && pip install --no-cache-dir uv

WORKDIR /src
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY src ./src
RUN uv sync --frozen --no-dev

RUN useradd --system --create-home --home-dir /home/gongkai gongkai \
 && mkdir -p /data /backups && chown gongkai:gongkai /data /backups
USER gongkai
VOLUME ["/data", "/backups"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
ENTRYPOINT ["gongkai"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000", "--threads", "8"]
