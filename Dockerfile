# staffbot's container image: `docker build -t staffbot .`, then see compose.yaml.
# Every install step is scripts/install.sh, which CI also runs in a clean virtual environment
# (.ci/run), since Docker cannot run where staffbot is developed.

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
COPY scheduler ./scheduler
COPY scripts/install.sh ./scripts/install.sh
RUN scripts/install.sh wheel /dist

FROM python:3.11-slim
# A CJK font for the Chinese digest's charts (scheduler/fonts.py finds it; 1.6 MB).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /dist /dist
COPY scripts/install.sh /tmp/install.sh
RUN /tmp/install.sh venv /dist /opt/staffbot \
    && /tmp/install.sh check /opt/staffbot \
    && rm -rf /dist /tmp/install.sh /root/.cache \
    && useradd --system --create-home --uid 10001 staffbot \
    && mkdir /data && chown staffbot /data
ENV PATH=/opt/staffbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    STAFFBOT_DATA_DIR=/data \
    STAFFBOT_LOG_LEVEL=INFO \
    LOG_FORMAT=json \
    PORT=3000
USER staffbot
WORKDIR /data
EXPOSE 3000
# Liveness only: /livez checks nothing outside the process, so a database outage does not
# restart it (the orchestrator's readiness check is GET /readyz).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/livez' % os.environ.get('PORT', '3000'), timeout=4)"]
CMD ["staffbot", "serve"]
