/** The 25 genre columns of the Kaggle "movie-classifier" label file, in its column order. */
export const GENRES = [
  'Action', 'Adventure', 'Animation', 'Biography', 'Comedy', 'Crime', 'Documentary', 'Drama', 'Family',
  'Fantasy', 'History', 'Horror', 'Music', 'Musical', 'Mystery', 'N/A', 'News', 'Reality-TV', 'Romance',
  'Sci-Fi', 'Short', 'Sport', 'Thriller', 'War', 'Western',
] as const;

export type Genre = (typeof GENRES)[number];

/** A label row (0/1 per genre, in GENRES order) as genre names; "N/A", the label file's "no genre", is left out. */
export const listedGenres = (labels: readonly number[]): Genre[] =>
  GENRES.filter((genre, i) => labels[i] === 1 && genre !== 'N/A');
