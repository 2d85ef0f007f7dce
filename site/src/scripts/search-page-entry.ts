// Bundle entry of the search page: the query form and its results.
import { initSearch } from './search.js';

initSearch();
