/** The product's name: a proper noun, the same in every language. */
export const PRODUCT_NAME = 'Porta';
