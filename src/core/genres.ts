/** The 25 genre columns of the Kaggle "movie-classifier" label file, in its column order. */
export const GENRES = [
  'Action', 'Adventure', 'Animation', 'Biography', 'Comedy', 'Crime', 'Documentary', 'Drama', 'Family',
  'Fantasy', 'History', 'Horror', 'Music', 'Musical', 'Mystery', 'N/A', 'News', 'Reality-TV', 'Romance',
  'Sci-Fi', 'Short', 'Sport', 'Thriller', 'War', 'Western',
] as const;

export type Genre = (typeof GENRES)[number];
