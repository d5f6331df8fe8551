/** Search spaces, genomes, variation operators and ask/tell search strategies. */
package dev.jnas.search;
