"""The relationship map: a selection of the store drawn as one offline HTML page."""
