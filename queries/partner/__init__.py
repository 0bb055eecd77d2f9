"""The partner finder: "Mit wem können wir das gemeinsam machen?"

Modules, in the order a question passes through them:

* :mod:`.index` – the analysis graph as numpy arrays (cached per graph) and
  the memberships (without held-out ones, for the evaluation);
* :mod:`.topic` – what a query is about (project, kind, OZG service, Themenfeld);
* :mod:`.signals` – one module per signal: its value, German reason, default weight;
* :mod:`.weights` – the weights, collected from the signals;
* :mod:`.rank` – features, weighted sum, reasons, Kreise; sorting;
* :mod:`.suggest`, :mod:`.candidates` – the two questions;
* :mod:`.evaluate` – the offline evaluation.

Nothing is imported here, so that importing one module does not load the others.
"""
