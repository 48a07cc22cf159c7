"""The app servers' gunicorn settings (make cluster: ``--config deploy/gunicorn.conf.py``).

The access log keeps the method and the path, never the query string or the referring page:
the eligibility checker's answers travel in its pages' addresses (``eligibility/views.py``),
and an old survey link may carry ``?code=``. Gunicorn's default line has both (``%(r)s``,
``%(f)s``); ``%(U)s`` is the path alone. A front web server in production must log the same
way (nginx: ``$uri``, not ``$request``), as the README says.
"""

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s"'
