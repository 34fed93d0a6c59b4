"""Let a module be called as the function the package exports under the module's own name.

``geokg.extract`` and ``geokg.ingest`` are both modules and the package's functions. The
package imports them lazily, and Python sets ``geokg.<name>`` to the module whenever the module
is imported first; a callable module makes ``geokg.extract(...)`` work either way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any


def callable_module(name: str, function: Callable[..., Any]) -> None:
    """Make the loaded module *name* callable as *function*; return None."""

    class CallableModule(ModuleType):
        __doc__ = sys.modules[name].__doc__

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return function(*args, **kwargs)

    sys.modules[name].__class__ = CallableModule
