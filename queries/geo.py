"""Distances on the Earth's surface: one radius, one haversine, for every query.

All distances in kommunalgraph are great-circle kilometres between points
given in degrees (WGS 84 latitude and longitude), on a sphere with the mean
Earth radius :data:`R_KM`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["R_KM", "haversine_km", "haversine_from", "unit_vectors", "distances_km"]

#: mean Earth radius (IUGG), km
R_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees.

    Examples
    --------
    Witten to Bochum, about 11 km:

    >>> round(haversine_km(51.4436, 7.3526, 51.4818, 7.2162))
    10
    >>> haversine_km(50.0, 8.0, 50.0, 8.0)
    0.0
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R_KM * math.asin(min(1.0, math.sqrt(a)))


def haversine_from(lat0: Any, lon0: Any, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Great-circle km from one point to many, or (with column vectors) many to many.

    ``lat0``/``lon0`` may be floats or arrays that broadcast against
    ``lat``/``lon`` (e.g. shape ``(k, 1)`` against ``(n,)`` gives ``(k, n)``).

    >>> haversine_from(51.4387, 7.3372, np.array([51.4387, 51.5139]),
    ...                np.array([7.3372, 7.4653])).round(1)   # Witten to itself, to Dortmund
    array([ 0. , 12.2])
    """
    p1, p2 = np.radians(lat0), np.radians(lat)
    dp, dl = p2 - p1, np.radians(np.asarray(lon) - lon0)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * R_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Unit vectors (3 × n, rows contiguous) of points given in degrees."""
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def distances_km(pts: Sequence[tuple[float, float, Any]], lat: np.ndarray,
                 lon: np.ndarray, xyz: np.ndarray | None = None) -> np.ndarray:
    """km (great circle) from the nearest anchor point (nan where unknown).

    Elementwise numpy, no BLAS: a 10,751 × k matrix product is slower under
    thread contention than k fused multiply-adds.

    >>> pts = [(51.4387, 7.3372, ("Municipality", "05954036"))]
    >>> distances_km(pts, np.array([51.5139, np.nan]), np.array([7.4653, 7.0])).round(1)
    array([12.2,  nan])
    """
    if not pts:
        return np.full(len(lat), np.nan)
    P = unit_vectors(np.array([p[0] for p in pts]), np.array([p[1] for p in pts]))
    V = unit_vectors(lat, lon) if xyz is None else xyz
    cos = np.full(V.shape[1], -1.0)
    for k in range(P.shape[1]):
        np.fmax(cos, V[0] * P[0, k] + V[1] * P[1, k] + V[2] * P[2, k], out=cos)
    unknown = np.isnan(V[0])
    cos[unknown] = 1.0
    d = R_KM * np.arccos(np.clip(cos, -1.0, 1.0))
    d[unknown] = np.nan
    return d
