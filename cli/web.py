"""Web commands: ``serve`` (the viewer under waitress) and ``demo`` (import once, then serve)."""

from __future__ import annotations

import threading

import click

from .common import command, friendly_errors, progress_bar, store_summary

__all__ = ["serve", "demo", "run_server"]

host_option = click.option("--host", default="127.0.0.1", show_default=True,
                           help="Adresse, an der der Server lauscht.")
port_option = click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535),
                           help="Port des Servers.")
threads_option = click.option("--threads", default=8, show_default=True,
                              type=click.IntRange(1, 64), help="Arbeits-Threads von waitress.")
workers_option = click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 32),
    help="Prozesse, die Anfragen parallel beantworten (je einer pro Prozessorkern sinnvoll; "
         "jeder lädt den Datenbestand selbst).")

#: said on stderr when the viewer listens beyond this machine
OPEN_HOST_WARNING = (
    "Achtung: Der Viewer ist unter {host} auch von anderen Rechnern erreichbar. Er ist nur "
    "lesend, hat aber keine Anmeldung; bitte nur in einem vertrauenswürdigen Netz so starten.")


def run_server(store_uri: str, host: str, port: int, threads: int = 8,
               workers: int = 1) -> None:
    """Serve the viewer with waitress (a production WSGI server) until interrupted.

    The port is bound first, so a taken port is reported before the data loads.
    """
    from ..web import create_app
    from ..web.app import env_config
    from ..web.server import bind, is_loopback, serve

    sock = bind(host, port)
    if not is_loopback(host):
        click.echo(OPEN_HOST_WARNING.format(host=host), err=True)
    config = {"STORE": store_uri, **env_config()}

    def make_app():  # type: ignore[no-untyped-def]
        app = create_app(config)
        app.extensions["kommunalgraph"].warm()
        threading.Thread(target=_prefetch, args=(app,), daemon=True).start()
        return app

    click.echo("Lade den Datenbestand (nur lesend) …")
    if workers == 1:
        app = make_app()
        click.echo(f"kommunalgraph läuft auf http://{host}:{port}/  (Beenden mit Strg+C)")
        serve(lambda: app, sock, threads=threads)
    else:
        click.echo(f"kommunalgraph läuft auf http://{host}:{port}/ mit {workers} Prozessen "
                   "(Beenden mit Strg+C)")
        serve(make_app, sock, threads=threads, workers=workers)


#: Pages whose whole-graph reads are worth doing before the first visitor asks.
PREFETCH = ("/", "/netzwerk", "/kleine-kommunen", "/projekte", "/partner")


def _prefetch(app) -> None:  # type: ignore[no-untyped-def]
    """Fill the caches of the start and overview pages in the background."""
    client = app.test_client()
    for path in PREFETCH:
        try:
            client.get(path)
        except Exception:  # noqa: BLE001 - a failed prefetch only costs the first visitor
            pass


@command()
@host_option
@port_option
@threads_option
@workers_option
@click.pass_context
@friendly_errors
def serve(ctx: click.Context, host: str, port: int, threads: int, workers: int) -> None:
    """Startet den Web-Viewer (nur lesend) mit dem Produktionsserver waitress.

    Der Datenbestand wird nur lesend geöffnet; ein Import daneben ist möglich,
    der Viewer lädt danach die neuen Daten (siehe docs/web.md).
    """
    run_server(ctx.obj.store_uri, host, port, threads, workers)


@command()
@host_option
@port_option
@threads_option
@click.pass_context
@friendly_errors
def demo(ctx: click.Context, host: str, port: int, threads: int) -> None:
    """Importiert die mitgelieferten Daten, soweit sie noch fehlen, und startet den Viewer.

    Ein zweiter Aufruf startet sofort, ohne erneut zu importieren; ein
    abgebrochener erster Import wird vervollständigt.
    """
    from ..importers.pipeline import bundled_missing, import_bundled, list_datasets
    from ..web.server import bind
    from .common import open_waiting

    # a taken port is one German line at once, not after a half-minute import
    bind(host, port).close()
    store = open_waiting(ctx.obj.store_uri, wait=ctx.obj.wait)
    try:
        # a store filled without the import pipeline (by hand, or before datasets
        # were recorded) has municipalities but no datasets: it is left as it is
        managed = store.is_empty() or bool(list_datasets(store))
        missing = bundled_missing(store) if managed else []
        if missing:
            what = ("ist leer" if store.is_empty()
                    else f"ist unvollständig (es fehlen {len(missing)} Datensätze)")
            click.echo(f"Der Datenbestand {ctx.obj.store_uri} {what}: importiere die "
                       "mitgelieferten Daten (einmalig, etwa eine halbe Minute) …")
            with progress_bar("Import der mitgelieferten Daten") as progress:
                import_bundled(store, progress=progress)
            click.echo(f"Fertig: {store_summary(store)}.")
        else:
            click.echo(f"Datenbestand {ctx.obj.store_uri} ist vollständig, kein Import nötig.")
    finally:
        store.close()
    run_server(ctx.obj.store_uri, host, port, threads)
