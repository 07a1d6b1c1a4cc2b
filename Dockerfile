# The lineage API and command line, for docker compose (see docker-compose.yml).
#   docker build -t lineage-graph .
#   docker run --rm -p 8000:8000 lineage-graph        # embedded engine, bundled dataset
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 lineage
WORKDIR /app

# Dependencies first, so that a change to the code or the data reuses this layer.
COPY pyproject.toml README.md ./
RUN mkdir app loaders \
    && touch app/__init__.py loaders/__init__.py \
    && pip install . \
    && pip uninstall --yes lineage-graph \
    && rm -rf app loaders build *.egg-info

# The package is installed in place: it finds cypher/ and data/ beside app/.
COPY app ./app
COPY loaders ./loaders
COPY cypher ./cypher
COPY data ./data
RUN pip install --no-deps --editable . && chown -R lineage /app

USER lineage
ENV LINEAGE_DB_PATH=/home/lineage/lineage.lbug
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["lineage", "serve", "--host", "0.0.0.0", "--port", "8000"]
