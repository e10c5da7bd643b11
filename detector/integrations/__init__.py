"""Optional bridges to other tools; each needs its extra (`pip install 'propalint[dask]'`)."""
