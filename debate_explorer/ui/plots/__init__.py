"""Plot views for the outcomes panel.

Each view draws one kind of outcome from a ``RunResult`` with pyqtgraph. Views
only reshape the arrays the core already computed (the CDF, histograms,
percentiles, regime shares); they never compute model quantities themselves.
"""
